package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.relay.content.ContentSink;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.content.Spool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The content column written and read as streams on the real databases (H2 file, PostgreSQL), as {@link QueueCommits}
 * writes and {@link QueueStore} reads it: a message of several megabytes goes in from a spool file and comes back out
 * into one, byte for byte, in slices on PostgreSQL.
 */
class ContentColumnTest extends OnBothDatabases {

    private static final int THRESHOLD = 64 * 1024;

    private final Spool spool = Spool.temporary(THRESHOLD, Long.MAX_VALUE);

    ContentColumnTest() {
        super("content-column-test", true);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void aLargeMessageGoesInAndComesOutAsStreamsByteForByte(QueueDatabase db) throws Exception {
        byte[] message = message(3 * ContentColumn.SLICE + 12345);
        byte[] small = message(100);
        ContentColumn column = ContentColumn.forDatabase(db.kind());

        List<Long> ids;
        try (MessageContent large = spooled(message)) {
            assertThat(large.spooled()).isTrue();
            MessageContent stamped = large.withFieldsInFront("Received: test\r\n".getBytes());
            // Written as intake writes every message: bound as a stream in the insert.
            ids = db
                    .commits("test-node", Duration.ofMinutes(1), Clock.systemUTC())
                    .store(List.of(message(stamped), message(MessageContent.of(small))))
                    .stream()
                    .map(StoredMessage::messageId)
                    .toList();
        }

        assertThat(read(db, column, ids.get(0), message.length + 16L).toByteArray())
                .startsWith("Received: test\r\n".getBytes())
                .endsWith(message);
        MessageContent back = read(db, column, ids.get(1), small.length);
        assertThat(back.spooled()).isFalse();
        assertThat(back.toByteArray()).isEqualTo(small);
    }

    @Test
    void theEmbeddedDatabaseKeepsContentAsALargeObjectThatStreams() {
        // BINARY VARYING (what LONGVARBINARY means to H2 2.x) is kept in the row and read as one array.
        assertThat(h2.query("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE TABLE_NAME = 'OUTPOST_MESSAGE' AND COLUMN_NAME = 'CONTENT'"))
                .containsExactly("BINARY LARGE OBJECT");
    }

    @Test
    void theEmbeddedDatabaseKeepsContentUpTo8KibInTheRow() {
        assertThat(h2.query("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'MAX_LENGTH_INPLACE_LOB'"))
                .containsExactly("8192");
    }

    private static NewMessage message(MessageContent content) {
        return new NewMessage(
                ReversePath.of(EmailAddress.parse("sender@example.test")),
                List.of(EmailAddress.parse("rcpt@example.test")),
                content,
                "127.0.0.1",
                false,
                Optional.empty(),
                "test");
    }

    private MessageContent read(QueueDatabase db, ContentColumn column, long id, long size) {
        return db.inTransaction(em -> {
            ContentSink sink = spool.outgoing();
            try {
                column.read(em.unwrap(Connection.class), id, size, sink);
                return sink.finish();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private MessageContent spooled(byte[] message) throws IOException {
        ContentSink sink = spool.incoming().orElseThrow();
        sink.write(message);
        return sink.finish();
    }

    private static byte[] message(int octets) {
        byte[] bytes = new byte[octets];
        for (int i = 0; i < octets; i++) {
            bytes[i] = (byte) (i * 7 + i / 251);
        }
        return bytes;
    }
}
