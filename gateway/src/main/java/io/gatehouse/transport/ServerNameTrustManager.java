package io.gatehouse.transport;

import io.netty.util.NetUtil;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Verifies a server's certificate chain against trusted CAs and its leaf against a name fixed in advance, not the
 * host the connection was made to: a client that connects to a resolved address still checks the name the
 * endpoint was configured with. Being an {@link X509ExtendedTrustManager}, the JDK leaves the whole check to it.
 */
public final class ServerNameTrustManager extends X509ExtendedTrustManager {

    private static final int SAN_IP = 7;

    private final X509TrustManager chains;
    private final String serverName;
    private final String trustedBy;

    /**
     * @param chains     validates chains (PKIX) against the trusted CAs; its name check is never used
     * @param serverName what the leaf must be issued for: a DNS name or an IP literal
     * @param trustedBy  where the trusted CAs come from, for error messages
     */
    public ServerNameTrustManager(X509TrustManager chains, String serverName, String trustedBy) {
        this.chains = chains;
        this.serverName = serverName;
        this.trustedBy = trustedBy;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            chains.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new CertificateException("the certificate of " + serverName + " ("
                    + chain[0].getSubjectX500Principal().getName() + ") is not trusted by " + trustedBy + ": "
                    + e.getMessage(), e);
        }
        if (!issuedFor(chain[0], serverName)) {
            throw new CertificateException("the certificate (" + chain[0].getSubjectX500Principal().getName()
                    + ") is not for the server name '" + serverName + "': it names " + names(chain[0]));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client's trust manager does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chains.getAcceptedIssuers();
    }

    /**
     * Whether the certificate is issued for {@code name} as RFC 6125 has it: an IP literal against the IP address
     * SANs; a DNS name against the DNS SANs (the CN only without any), a wildcard standing for exactly one whole
     * leftmost label.
     */
    static boolean issuedFor(X509Certificate certificate, String name) {
        String host = trimDot(name.toLowerCase(Locale.ROOT));
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip != null) {
            return ipAddresses(certificate).stream().anyMatch(san -> Arrays.equals(san, ip));
        }
        return CertificateNames.dnsNames(certificate).stream().anyMatch(pattern -> dnsMatches(pattern, host));
    }

    /** {@code pattern} is lowercase, {@code host} lowercase without a trailing dot. */
    static boolean dnsMatches(String pattern, String host) {
        String name = trimDot(pattern);
        if (!name.startsWith("*.")) {
            return !name.contains("*") && name.equals(host);
        }
        String parent = name.substring(1);
        // "*.com" would speak for a whole top-level domain; a second wildcard is no rule at all.
        if (parent.indexOf('.', 1) < 0 || parent.contains("*")) {
            return false;
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot).equals(parent);
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static List<byte[]> ipAddresses(X509Certificate certificate) {
        List<byte[]> addresses = new ArrayList<>();
        for (List<?> entry : alternativeNames(certificate)) {
            if (entry.size() >= 2 && entry.get(0) instanceof Integer type && type == SAN_IP) {
                byte[] address = NetUtil.createByteArrayFromIpAddressString(entry.get(1).toString());
                if (address != null) {
                    addresses.add(address);
                }
            }
        }
        return addresses;
    }

    private static Collection<List<?>> alternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            return entries == null ? List.of() : entries;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String names(X509Certificate certificate) {
        List<String> names = new ArrayList<>(CertificateNames.dnsNames(certificate));
        ipAddresses(certificate).forEach(address -> names.add(NetUtil.bytesToIpAddress(address)));
        return names.toString();
    }
}
