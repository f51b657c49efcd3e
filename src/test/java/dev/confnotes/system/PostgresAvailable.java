package dev.confnotes.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when the PostgreSQL server named by {@code POSTGRES_URL} answers (the
 * same environment variables, and defaults, as {@code application-postgres.properties}). On a
 * developer's machine without one the class is skipped; in CI ({@code CI=true}) that is a failure,
 * so a broken server set-up never passes as green. Used through {@link PostgresTest}.
 */
public final class PostgresAvailable implements ExecutionCondition {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private static final Map<String, String> schemas = new ConcurrentHashMap<>();

    private static volatile String unreachable;

    private static volatile boolean checked;

    public static String url() {
        return env("POSTGRES_URL", "jdbc:postgresql://localhost:5432/confnotes");
    }

    public static String user() {
        return env("POSTGRES_USER", "confnotes");
    }

    public static String password() {
        return env("POSTGRES_PASSWORD", "confnotes");
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String problem = problem();
        if (problem == null) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers at " + url());
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but PostgreSQL does not answer at " + url() + ": " + problem
                    + " (.ci/postgres.sh starts one)");
        }
        return ConditionEvaluationResult.disabled("No PostgreSQL at " + url() + " (" + problem
                + "); `source .ci/postgres.sh` starts one");
    }

    /**
     * A JDBC URL whose connections work in a schema of their own, created empty the first time a
     * name is asked for in this JVM (dropping what an earlier run left), the same URL after that.
     */
    public static String freshSchema(String name) {
        if (!SCHEMA_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain schema name: " + name);
        }
        return schemas.computeIfAbsent(name, n -> {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + n + " CASCADE");
                statement.execute("CREATE SCHEMA " + n);
            }
            catch (SQLException ex) {
                throw new IllegalStateException("cannot create schema " + n + " at " + url(), ex);
            }
            return url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + n;
        });
    }

    private static synchronized String problem() {
        if (!checked) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                unreachable = null;
            }
            catch (SQLException ex) {
                unreachable = ex.getMessage();
            }
            checked = true;
        }
        return unreachable;
    }

    private static Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(url(), user(), password());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
