package io.cutover.backup;

import io.cutover.activity.BackupFile;
import io.cutover.activity.BackupFile.Kind;
import io.cutover.activity.MissingLinkRequest;
import io.cutover.naming.BackupNaming;
import io.cutover.naming.DatabaseNames;
import io.cutover.naming.ParsedName;
import io.cutover.spec.NamingSpec.Convention;
import io.cutover.spec.SourceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The search for log backups missing from the chain just before a blocked one. Lists the blocked
 * backup's stream (the whole prefix with LEXICAL names) from the last passed backup's time where
 * Ola Hallengren names tell it, and stops at the blocked key: keys of one stream sort in time
 * order. An operator's action, not a poll: bounded by {@link BackupDiscovery#MAX_LINK_PAGES}
 * requests all the same.
 */
final class MissingLinkSearch {

    private final BackupStore store;
    private final Clock clock;

    MissingLinkSearch(BackupStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    List<BackupFile> find(MissingLinkRequest request) {
        SourceSpec source = request.source();
        BackupNaming naming = BackupNaming.of(source.naming());
        Optional<ParsedName> blocked = naming.parse(request.blockedKey());
        String after = request.afterOrderKey() != null
                ? request.afterOrderKey()
                : naming.parse(source.fullBackup()).map(ParsedName::orderKey).orElse(null);
        if (blocked.isEmpty() || after == null) {
            // Without both bounds nothing can be called missing: better none than a wrong one.
            return List.of();
        }
        String prefix = naming.stream(request.blockedKey()).orElse(BackupDiscovery.prefixOf(source));
        String marker = naming.convention() == Convention.OLA_HALLENGREN
                ? prefix + BackupDiscovery.olaNameTime(after, Duration.ZERO)
                : null;
        Instant settledBefore = clock.instant().minusSeconds(request.settleSeconds());
        List<BackupFile> links = new ArrayList<>();
        int requests = 0;
        ObjectPage page;
        do {
            page = store.list(source.bucket(), prefix, marker, BackupStore.MAX_PAGE);
            requests++;
            for (StoredObject object : page.objects()) {
                if (object.key().compareTo(request.blockedKey()) >= 0) {
                    return links;
                }
                Optional<ParsedName> name = naming.parse(object.key());
                if (name.isPresent()
                        && isMissingLink(
                                source, name.get(), after, blocked.get().orderKey())
                        && object.size() > 0
                        && object.isStandardClass()
                        && (object.completeWhenListed()
                                || !object.lastModified().isAfter(settledBefore))
                        && links.size() < BackupDiscovery.MAX_FILES_PER_PASS) {
                    links.add(DiscoveryPass.toBackupFile(object, name.get()));
                }
            }
            marker = page.nextMarker();
        } while (page.truncated() && marker != null && requests < BackupDiscovery.MAX_LINK_PAGES);
        return links;
    }

    private static boolean isMissingLink(SourceSpec source, ParsedName name, String after, String before) {
        return name.kind() == Kind.LOG
                && DatabaseNames.match(source.database(), name.database())
                && name.orderKey().compareTo(after) > 0
                && name.orderKey().compareTo(before) < 0;
    }
}
