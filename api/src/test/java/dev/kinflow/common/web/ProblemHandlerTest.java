package dev.kinflow.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Unexpected exceptions — an {@code IllegalArgumentException} included — are a 500 with a logged correlation id. */
@ExtendWith(OutputCaptureExtension.class)
class ProblemHandlerTest {

    @Test
    void anUnexpectedExceptionIsA500WithACorrelationIdInBodyAndLogButNoMessage(CapturedOutput output) {
        ResponseEntity<ProblemDetail> response = new ProblemHandler().unexpected(new IllegalArgumentException(
                "ERROR: duplicate key value (email)=(ada@example.org) in SELECT * FROM contacts"));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        ProblemDetail problem = response.getBody();
        assertThat(problem).isNotNull();
        String correlationId = String.valueOf(problem.getProperties().get("correlationId"));
        assertThat(correlationId).matches("[0-9a-f-]{36}");
        assertThat(problem.getDetail()).doesNotContain("ada@example.org", "SELECT");
        assertThat(output.getOut()).contains("correlationId=" + correlationId)
                .contains("java.lang.IllegalArgumentException")
                .doesNotContain("ada@example.org").doesNotContain("SELECT * FROM");
    }
}
