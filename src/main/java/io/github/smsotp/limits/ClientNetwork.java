package io.github.smsotp.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The network a client address counts against: an IPv4 address on its own, an IPv6 address by its
 * /64. One IPv6 subscriber gets a whole /64 (RFC 6177), so counting single IPv6 addresses would let
 * one client rotate through 2^64 of them.
 */
final class ClientNetwork {

    private static final int IPV6_PREFIX_BYTES = 8;

    private ClientNetwork() {
    }

    static String of(String address) {
        // Only literals are parsed (those contain a colon): no name lookup ever happens here.
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress(); // an IPv4-mapped IPv6 address is the IPv4 client
            }
            byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
            Arrays.fill(network, IPV6_PREFIX_BYTES, 16, (byte) 0);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
