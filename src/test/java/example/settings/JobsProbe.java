package example.settings;

import dev.eejobs.api.JobId;
import dev.eejobs.api.JobQueue;
import example.shop.ConfirmOrderJob;
import example.shop.OrderPlaced;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Defines the application's own datasource for the jobs ({@code jobs.datasource=java:app/jdbc/jobs}),
 * enqueues on POST, and on GET tells where job rows are: in that datasource or the default one.
 */
@DataSourceDefinition(name = "java:app/jdbc/jobs", className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:mem:eejobs-own;DB_CLOSE_DELAY=-1")
@WebServlet("/probe")
public class JobsProbe extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    JobQueue jobs;

    @Resource(lookup = "java:app/jdbc/jobs")
    DataSource own;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource fallback;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JobId id = jobs.enqueue(ConfirmOrderJob.class, new OrderPlaced(request.getParameter("order")));
        response.getWriter().write(id.toString());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String sql = "SELECT COUNT(*) FROM eejobs_job WHERE id = " + Long.parseLong(request.getParameter("id"))
                + " AND status = 'SUCCEEDED'";
        response.getWriter().write("own=" + count(own, sql) + " default=" + count(fallback, sql));
    }

    /** @return the count, or -1 when the table does not exist there */
    private static long count(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
