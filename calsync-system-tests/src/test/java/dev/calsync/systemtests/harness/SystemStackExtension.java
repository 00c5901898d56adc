package dev.calsync.systemtests.harness;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test that asks for it the one {@link SystemStack} of the run: started by the first test
 * class that needs it, stopped when the whole run ends (the root store closes it), so every scenario of
 * every class pays for one start. Use it through {@link WithSystemStack}.
 */
public final class SystemStackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SystemStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SystemStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    static SystemStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, ignored -> new SharedStack(SystemStack.start()), SharedStack.class)
                .stack();
    }

    /** The root store closes its values at the end of the run. */
    private record SharedStack(SystemStack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }
}
