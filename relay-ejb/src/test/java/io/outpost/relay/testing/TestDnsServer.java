package io.outpost.relay.testing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * An in-process authoritative DNS server on 127.0.0.1, answering over UDP and TCP on the same port.
 *
 * <p>It serves every top-level domain that appears in an added record ({@code example.test.} makes it authoritative for
 * {@code test.}): a name there without records is NXDOMAIN, a name with records but none of the asked type is NODATA,
 * both with an SOA so resolvers can tell them apart. Queries outside the served zones are REFUSED.
 *
 * <pre>{@code
 * try (var dns = new TestDnsServer().start()) {
 *     dns.add("example.test. 60 IN MX 10 mx.example.test.");
 *     dns.add("mx.example.test. 60 IN A 127.0.0.1");
 *     var resolver = new MxResolver(
 *             List.of(dns.address()), Duration.ofSeconds(2), new Random(), true, OwnIdentity.nobody());
 * }
 * }</pre>
 */
public final class TestDnsServer implements AutoCloseable {

    private static final int MAX_UDP_PAYLOAD = 512;

    private final List<Record> records = new CopyOnWriteArrayList<>();
    private final Set<Name> zones = ConcurrentHashMap.newKeySet();
    private final Map<Name, Behaviour> overrides = new ConcurrentHashMap<>();
    private final List<Thread> listeners = new ArrayList<>();
    private DatagramSocket udp;
    private ServerSocket tcp;

    private enum Behaviour {
        SERVFAIL,
        DROP
    }

    /** Starts on an ephemeral port, the same for UDP and TCP. */
    public TestDnsServer start() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                DatagramSocket candidate =
                        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                try {
                    bindTcp(candidate.getLocalPort());
                } catch (IOException portTakenForTcp) {
                    candidate.close();
                    continue;
                }
                udp = candidate;
                startThreads();
                return this;
            } catch (SocketException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP");
    }

    /** Starts on {@code port} for both UDP and TCP. */
    public TestDnsServer start(int port) {
        try {
            udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            bindTcp(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startThreads();
        return this;
    }

    /** Adds one record in master-file syntax with an absolute owner name, e.g. {@code "x.test. 60 IN A 127.0.0.1"}. */
    public TestDnsServer add(String recordLine) {
        try (Master master =
                new Master(new ByteArrayInputStream((recordLine + "\n").getBytes(StandardCharsets.UTF_8)), Name.root)) {
            Record record = master.nextRecord();
            if (record == null) {
                throw new IllegalArgumentException("no record in: " + recordLine);
            }
            records.add(record);
            zones.add(topLevel(record.getName()));
            return this;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse record: " + recordLine, e);
        }
    }

    /** Removes every record of {@code name} (absolute, e.g. {@code "x.test."}) of the given type, e.g. {@code "TXT"}. */
    public TestDnsServer remove(String name, String type) {
        Name owner = name(name);
        int code = Type.value(type);
        records.removeIf(r -> r.getName().equals(owner) && r.getType() == code);
        return this;
    }

    /** Answers every query for {@code name} with SERVFAIL. */
    public TestDnsServer servfail(String name) {
        overrides.put(name(name), Behaviour.SERVFAIL);
        return this;
    }

    /** Never answers queries for {@code name}, so the asker times out. */
    public TestDnsServer drop(String name) {
        overrides.put(name(name), Behaviour.DROP);
        return this;
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** The address to give a resolver. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    /** Stops both listeners and waits until their sockets are released, so the port can be bound again at once. */
    @Override
    public void close() {
        if (udp != null) {
            udp.close();
        }
        try {
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        // A socket closed while a thread is blocked on it is released only when that thread has left the call.
        for (Thread listener : listeners) {
            try {
                listener.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void bindTcp(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        tcp = socket;
    }

    private void startThreads() {
        listeners.add(daemon("test-dns-udp-" + port(), this::serveUdp));
        listeners.add(daemon("test-dns-tcp-" + port(), this::serveTcp));
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Message response = answer(query);
                if (response != null) {
                    byte[] wire = response.toWire(MAX_UDP_PAYLOAD);
                    udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (udp.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket client = tcp.accept();
                daemon("test-dns-tcp-client", () -> serveTcpClient(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serveTcpClient(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            while (true) {
                int length = in.readUnsignedShort();
                byte[] wire = new byte[length];
                in.readFully(wire);
                Message response = answer(new Message(wire));
                if (response != null) {
                    byte[] answer = response.toWire();
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                }
            }
        } catch (IOException endOfConnection) {
            // the client closed the connection
        }
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        if (question == null) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        Behaviour behaviour = overrides.get(name);
        if (behaviour == Behaviour.DROP) {
            return null;
        }
        if (behaviour == Behaviour.SERVFAIL) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response;
        }
        Name zone = topLevel(name);
        if (!zones.contains(zone)) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response;
        }
        response.getHeader().setFlag(Flags.AA);
        List<Record> owned = new ArrayList<>();
        for (Record record : records) {
            if (record.getName().equals(name)) {
                owned.add(record);
            }
        }
        List<Record> matching = owned.stream()
                .filter(r -> r.getType() == question.getType() || question.getType() == Type.ANY)
                .toList();
        List<Record> aliases =
                owned.stream().filter(r -> r instanceof CNAMERecord).toList();
        if (!matching.isEmpty()) {
            matching.forEach(r -> response.addRecord(r, Section.ANSWER));
        } else if (!aliases.isEmpty()) {
            // The resolver follows the alias with a new query (RFC 1034 §3.6.2).
            aliases.forEach(r -> response.addRecord(r, Section.ANSWER));
        } else {
            if (owned.isEmpty()) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            // RFC 2308 §3: negative answers carry the zone's SOA, so they can be told from a referral.
            response.addRecord(soa(zone), Section.AUTHORITY);
        }
        return response;
    }

    private static SOARecord soa(Name zone) {
        try {
            return new SOARecord(
                    zone,
                    DClass.IN,
                    60,
                    Name.fromString("ns", zone),
                    Name.fromString("hostmaster", zone),
                    1,
                    3600,
                    600,
                    86400,
                    60);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Name topLevel(Name name) {
        return name.labels() <= 2 ? name : new Name(name, name.labels() - 2);
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a DNS name: " + name, e);
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
