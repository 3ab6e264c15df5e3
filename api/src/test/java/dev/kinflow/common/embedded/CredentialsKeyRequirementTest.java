package dev.kinflow.common.embedded;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

class CredentialsKeyRequirementTest {

    static final String KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @Test
    void processesThatRunBesideOthersRefuseToStartWithoutTheSharedKey() {
        for (String mode : new String[]{"api", "worker"}) {
            assertThatThrownBy(() -> CredentialsKeyRequirement.check(mode, false, ""))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("KINFLOW_CREDENTIALS_KEY is required because KINFLOW_MODE=" + mode);
            assertThatCode(() -> CredentialsKeyRequirement.check(mode, true, KEY)).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> CredentialsKeyRequirement.check("all", true, "  "))
                .hasMessageStartingWith("KINFLOW_CREDENTIALS_KEY is required because an external Temporal target");
        assertThatCode(() -> CredentialsKeyRequirement.check("all", false, null))
                .as("the embedded all-in-one process may generate its own").doesNotThrowAnyException();
    }

    @Test
    void theCheckRunsBeforeAnythingIsStarted() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("kinflow.mode", "worker")
                .withProperty("kinflow.credentials.key", "")
                .withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/never")
                .withProperty("spring.temporal.connection.target", "127.0.0.1:1");
        assertThatThrownBy(() -> new EmbeddedDefaults(new DeferredLogs()).postProcessEnvironment(env, null))
                .hasMessageContaining("KINFLOW_CREDENTIALS_KEY");
        MockEnvironment external = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/never")
                .withProperty("spring.temporal.connection.target", "127.0.0.1:1");
        assertThatThrownBy(() -> new EmbeddedDefaults(new DeferredLogs()).postProcessEnvironment(external, null))
                .hasMessageContaining("external Temporal target");
        external.setProperty("kinflow.credentials.key", KEY);
        assertThatCode(() -> new EmbeddedDefaults(new DeferredLogs()).postProcessEnvironment(external, null))
                .doesNotThrowAnyException();
    }
}
