package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleCheckTest {

    @Test
    void a_read_open_to_admins_is_open_to_viewers() {
        assertThat(RoleCheck.withViewer(new String[] {RoleCheck.ADMIN}, "GET")).containsExactly(RoleCheck.ADMIN,
                RoleCheck.VIEWER);
        assertThat(RoleCheck.withViewer(new String[] {RoleCheck.ADMIN}, "HEAD")).contains(RoleCheck.VIEWER);
    }

    @Test
    void a_change_or_a_read_for_other_roles_is_not() {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            assertThat(RoleCheck.withViewer(new String[] {RoleCheck.ADMIN}, method)).containsExactly(RoleCheck.ADMIN);
        }
        assertThat(RoleCheck.withViewer(new String[] {RoleCheck.ENQUEUE}, "GET")).containsExactly(RoleCheck.ENQUEUE);
    }
}
