package io.gatehouse.transport;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** The names a certificate speaks for, as TLS clients check them (RFC 6125). */
public final class CertificateNames {

    private static final int SAN_DNS = 2;

    private CertificateNames() {
    }

    /**
     * The DNS names of the subject alternative name extension, lowercase; the subject's CN only when the
     * certificate has no DNS SAN at all, as RFC 6125 section 6.4.4 allows.
     */
    public static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = sanDnsNames(certificate);
        if (names.isEmpty()) {
            String cn = commonName(certificate.getSubjectX500Principal());
            if (cn != null) {
                names = List.of(cn.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** The DNS names of the subject alternative name extension, lowercase, in certificate order. */
    public static List<String> sanDnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        Collection<List<?>> entries;
        try {
            entries = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return names;
        }
        if (entries != null) {
            for (List<?> entry : entries) {
                if (entry.size() >= 2 && entry.get(0) instanceof Integer type && type == SAN_DNS) {
                    names.add(entry.get(1).toString().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    /** The most specific CN of a distinguished name; null without one. */
    public static String commonName(X500Principal principal) {
        try {
            List<Rdn> rdns = new LdapName(principal.getName(X500Principal.RFC2253)).getRdns();
            // LdapName lists RDNs from the least specific; the last CN is the most specific.
            String cn = null;
            for (Rdn rdn : rdns) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = rdn.getValue().toString();
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
