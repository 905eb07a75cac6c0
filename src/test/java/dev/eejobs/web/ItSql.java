package dev.eejobs.web;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Test deployments only: runs SQL against the module's datasource, so a client-side test can
 * store rows no API would store, on every database (H2 lives inside the server). The body holds
 * statements separated by a line with a single {@code ;}, run in order on one connection; the
 * answer is the first column of the last query's rows, one per line ({@code \N} for null).
 */
@WebServlet("/it-sql")
public class ItSql extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:comp/DefaultDataSource")
    transient DataSource dataSource;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String sql = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql.split("\n;\n")) {
                if (statement.isBlank()) {
                    continue;
                }
                if (s.execute(statement)) {
                    out.setLength(0);
                    try (ResultSet rs = s.getResultSet()) {
                        while (rs.next()) {
                            String value = rs.getString(1);
                            out.append(value == null ? "\\N" : value).append('\n');
                        }
                    }
                }
            }
        } catch (SQLException e) {
            response.setStatus(500);
            response.getWriter().write("SQL failed: " + e.getMessage());
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(out.toString());
    }
}
