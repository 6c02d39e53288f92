package io.cutover.e2e.faults;

import com.google.protobuf.ByteString;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks for the configured secrets where they must never be: workflow histories, the child
 * processes' logs and files, and status query results. Counts hits so that the table can say 0.
 */
final class SecretScan {

    private final List<String> secrets;

    SecretScan(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** Hits in every history of every workflow run the server holds; also returns how many runs. */
    long[] inHistories(WorkflowClient client) {
        long hits = 0;
        long runs = 0;
        ByteString page = ByteString.EMPTY;
        do {
            ListWorkflowExecutionsResponse response = client.getWorkflowServiceStubs()
                    .blockingStub()
                    .listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setNextPageToken(page)
                            .build());
            for (WorkflowExecutionInfo info : response.getExecutionsList()) {
                String json = client.fetchHistory(
                                info.getExecution().getWorkflowId(),
                                info.getExecution().getRunId())
                        .toJson(false);
                hits += in(json);
                runs++;
            }
            page = response.getNextPageToken();
        } while (!page.isEmpty());
        return new long[] {hits, runs};
    }

    /** Hits in every file under {@code dir}, read as bytes (logs, configs, the Temporal database). */
    long[] inFiles(Path dir) {
        long hits = 0;
        long files = 0;
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path file : tree.filter(Files::isRegularFile).toList()) {
                // ISO-8859-1 maps every byte to one char: a byte search through String.indexOf.
                hits += in(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                files++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new long[] {hits, files};
    }

    long in(String text) {
        long hits = 0;
        for (String secret : secrets) {
            for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
                hits++;
            }
        }
        return hits;
    }
}
