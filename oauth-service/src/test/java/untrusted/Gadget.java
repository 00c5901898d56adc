package untrusted;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A serializable class outside the packages oauth-service deserializes (like a gadget an attacker with
 * database access would plant): counts how often Java deserialization got as far as running its code.
 */
public class Gadget implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final AtomicInteger READ = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        READ.incrementAndGet();
    }
}
