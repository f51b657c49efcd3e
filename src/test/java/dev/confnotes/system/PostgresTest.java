package dev.confnotes.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test class that runs the app on the {@code postgres} profile against a real PostgreSQL server
 * ({@code POSTGRES_URL}, {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}; {@code .ci/postgres.sh}
 * starts one). Without a reachable server the class is skipped, or fails when {@code CI=true}.
 * Give each class its own schema with {@link PostgresAvailable#freshSchema(String)} so classes with
 * different application contexts never share tables.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("postgres")
@ActiveProfiles("postgres")
@ExtendWith(PostgresAvailable.class)
public @interface PostgresTest {
}
