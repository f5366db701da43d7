package io.github.smsotp.it.harness;

import java.net.InetAddress;
import java.util.List;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldif.LDIFException;

/**
 * An LDAP directory on 127.0.0.1 (UnboundID's in-memory server, in the test's JVM) for Keycloak's
 * LDAP federation to read users from: {@code ou=People,dc=example,dc=org}, people with a uid, a
 * password and a mobile number. Operational attributes (entryUUID among them) are generated, as a
 * real directory does.
 */
public final class LoopbackLdap implements AutoCloseable {

    static final String BASE = "dc=example,dc=org";
    public static final String PEOPLE = "ou=People," + BASE;
    public static final String BIND_DN = "cn=keycloak";
    public static final String BIND_PASSWORD = "directory-secret";

    private final InMemoryDirectoryServer server;

    public LoopbackLdap() throws LDAPException, LDIFException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("loopback", InetAddress.getLoopbackAddress(),
                0, null));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example");
        server.add("dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: People");
        server.startListening();
    }

    public String url() {
        return "ldap://127.0.0.1:" + server.getListenPort();
    }

    /** A person whose password is {@code pass-<uid>} (as the test users' are) and who has a mobile number. */
    public void addPerson(String uid, String mobile) throws LDAPException, LDIFException {
        server.add("dn: uid=" + uid + "," + PEOPLE, "objectClass: top", "objectClass: person",
                "objectClass: organizationalPerson", "objectClass: inetOrgPerson", "uid: " + uid, "cn: Directory",
                "sn: " + uid, "mail: " + uid + "@example.org", "mobile: " + mobile, "userPassword: pass-" + uid);
    }

    /** The person's entry as the directory holds it. */
    Entry person(String uid) throws LDAPException {
        return server.getEntry("uid=" + uid + "," + PEOPLE);
    }

    /** Every entry below the base, for a check that nothing was written. */
    public List<String> ldif() throws LDAPException {
        return server.search(BASE, SearchScope.SUB, "(objectClass=*)").getSearchEntries().stream()
                .map(Entry::toLDIFString).toList();
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
