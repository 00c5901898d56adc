package dev.calsync.feedingest.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Feeds are URLs people type in: without this guard the service would fetch its own actuator, the
 * database's admin page or a cloud metadata endpoint (169.254.169.254) on their behalf. A host is checked
 * after DNS resolution, every address it resolves to, and again for every redirect.
 */
public final class AddressGuard {

    private final boolean allowLoopback;
    private final boolean allowPrivateNetworks;

    public AddressGuard(boolean allowLoopback, boolean allowPrivateNetworks) {
        this.allowLoopback = allowLoopback;
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    /** @return null when every address of the host may be fetched, else why not (without the host's path) */
    public String refusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException unknown) {
            return "the feed's host " + host + " does not resolve";
        }
        for (InetAddress address : addresses) {
            String why = refusal(address);
            if (why != null) {
                return "refused to fetch from " + host + ": it resolves to " + why + " address " + address.getHostAddress();
            }
        }
        return null;
    }

    String refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "a loopback";
        }
        if (allowPrivateNetworks) {
            return null;
        }
        if (address.isAnyLocalAddress()) {
            return "an unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local (cloud metadata)";
        }
        if (address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return "a private";
        }
        byte[] raw = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = raw[0] & 0xff;
            int second = raw[1] & 0xff;
            if (first == 100 && second >= 64 && second <= 127) {
                return "a carrier-grade NAT";
            }
            if (first == 0 || first >= 240) {
                return "a reserved";
            }
        }
        if (address instanceof Inet6Address && (raw[0] & 0xfe) == 0xfc) {
            return "a private (unique local)";
        }
        return null;
    }
}
