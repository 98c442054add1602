package io.keyhold.storage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Writes the embedded H2 database to its file whenever a write is committed, before the committing code
 * goes on, so that nothing is answered that a {@code kill -9} could take back. On any other database
 * (PostgreSQL, H2 in memory) it hands out the pool's connections untouched.
 *
 * <p>H2 would do this itself with {@code WRITE_DELAY=0}, but that setting also stops the thread that
 * compacts the file (h2database issue #442), and the file then grew 145 times the size of its data in
 * two minutes of logins. So H2 keeps its background writer, which also compacts, and each commit is
 * written here: after {@link Connection#commit()}, and after every statement run in auto-commit mode.
 * The MVStore writes a commit in one piece, which reaches the operating system before this returns;
 * surviving a power cut as well would need an fsync per commit, which is PostgreSQL's job.
 */
final class WriteThroughDataSource extends DelegatingDataSource {

    private static final Set<String> EXECUTE =
            Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    WriteThroughDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return writeThrough(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return writeThrough(super.getConnection(username, password));
    }

    private Connection writeThrough(Connection connection) throws SQLException {
        MVStore file = embeddedFile(connection);
        if (file == null) {
            return connection;
        }
        return proxy(Connection.class, connection, (method, args, result) -> {
            if (method.getName().equals("commit")
                    || (method.getName().equals("setAutoCommit") && Boolean.TRUE.equals(args[0]))) {
                write(file);
            }
            if (result instanceof Statement statement && Statement.class.isAssignableFrom(method.getReturnType())) {
                return statement(method.getReturnType(), statement, connection, file);
            }
            return result;
        });
    }

    private static Object statement(Class<?> type, Statement statement, Connection connection, MVStore file) {
        return proxy(type, statement, (method, args, result) -> {
            if (EXECUTE.contains(method.getName()) && connection.getAutoCommit()) {
                write(file);
            }
            return result;
        });
    }

    private static void write(MVStore file) throws SQLException {
        try {
            // Takes the store's lock, so it also waits for a write that another thread began with this
            // commit in it; with nothing left to write it returns at once.
            file.commit();
        } catch (MVStoreException failed) {
            throw new SQLException("Could not write the database file", failed);
        }
    }

    // Looked up for each connection: H2 closes a database when its last connection closes and opens a new
    // store for the next one, which a store remembered from an earlier connection would miss.
    private static MVStore embeddedFile(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                || !session.getDatabase().isPersistent()) {
            return null;
        }
        return session.getDatabase().getStore().getMvStore();
    }

    @FunctionalInterface
    private interface AfterCall {
        Object apply(Method method, Object[] args, Object result) throws SQLException;
    }

    private static <T> T proxy(Class<T> type, Object target, AfterCall after) {
        return type.cast(Proxy.newProxyInstance(
                WriteThroughDataSource.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                    return after.apply(method, args, result);
                }));
    }
}
