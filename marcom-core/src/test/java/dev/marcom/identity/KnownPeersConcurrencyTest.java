package dev.marcom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.Fingerprint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent sessions, in threads and in separate JVMs, lose no entry of the known-peers file. */
@Timeout(120)
class KnownPeersConcurrencyTest {
    private static final int THREADS = 16;
    private static final int PER_THREAD = 8;
    private static ExecutorService pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    /** Runs every task at once (released together by a latch) and returns their results. */
    private static <T> List<T> together(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    private static Map<String, Fingerprint> byAddress(KnownPeers store) throws Exception {
        return store.entries().stream()
                .collect(Collectors.toMap(KnownPeers.Entry::address, KnownPeers.Entry::fingerprint));
    }

    @Test
    void threadsSharingOneStoreLoseNoEntry() throws Exception {
        KnownPeers store = KnownPeers.open(dir.resolve("known_peers"));
        runThreads(t -> store);
        assertAllThreadEntries(store);
    }

    @Test
    void threadsWithTheirOwnStoreInstanceLoseNoEntry() throws Exception {
        Path file = dir.resolve("known_peers");
        runThreads(t -> KnownPeers.open(file));
        assertAllThreadEntries(KnownPeers.open(file));
    }

    private static void runThreads(Function<Integer, KnownPeers> storeFor) throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            KnownPeers store = storeFor.apply(t);
            String prefix = "thread" + t;
            tasks.add(() -> {
                for (int i = 0; i < PER_THREAD; i++) {
                    store.put(KnownPeersWriterMain.address(prefix, i), KnownPeersWriterMain.fingerprint(prefix, i), "");
                }
                return null;
            });
        }
        together(tasks);
    }

    private static void assertAllThreadEntries(KnownPeers store) throws Exception {
        Map<String, Fingerprint> entries = byAddress(store);
        assertThat(entries).hasSize(THREADS * PER_THREAD);
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < PER_THREAD; i++) {
                assertThat(entries)
                        .containsEntry(
                                KnownPeersWriterMain.address("thread" + t, i),
                                KnownPeersWriterMain.fingerprint("thread" + t, i));
            }
        }
    }

    @Test
    void concurrentFirstContactsWithDistinctPeersAreAllRecorded() throws Exception {
        KnownPeers store = KnownPeers.open(dir.resolve("known_peers"));
        List<PeerIdentity> peers = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < THREADS; i++) {
            peers.add(Identity.generate(random).publicIdentity());
        }
        List<Callable<KnownPeerPolicy.Decision>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            KnownPeerPolicy policy = store.tofu("peer" + i + ":7000");
            PeerIdentity peer = peers.get(i);
            tasks.add(() -> {
                policy.check(peer);
                return policy.decision().orElseThrow();
            });
        }
        List<KnownPeerPolicy.Decision> decisions = together(tasks);

        assertThat(decisions).allMatch(KnownPeerPolicy.Decision::newPeer);
        Set<Integer> lines = new HashSet<>();
        decisions.forEach(d -> lines.add(d.line()));
        assertThat(lines).hasSize(THREADS);
        Map<String, Fingerprint> entries = byAddress(store);
        for (int i = 0; i < THREADS; i++) {
            assertThat(entries).containsEntry("peer" + i + ":7000", peers.get(i).fingerprint());
        }
    }

    @Test
    void concurrentFirstContactsWithOneAddressRecordExactlyOneKey() throws Exception {
        KnownPeers store = KnownPeers.open(dir.resolve("known_peers"));
        SecureRandom random = new SecureRandom();
        PeerIdentity real = Identity.generate(random).publicIdentity();
        PeerIdentity other = Identity.generate(random).publicIdentity();
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            PeerIdentity presented = i % 2 == 0 ? real : other;
            tasks.add(() -> {
                KnownPeerPolicy policy = KnownPeers.open(store.file()).tofu("contested:7000");
                try {
                    policy.check(presented);
                    return policy.decision().orElseThrow().outcome() + " " + presented.fingerprint();
                } catch (ChangedPeerKeyException e) {
                    return "CHANGED " + e.presentedFingerprint() + " known " + e.knownFingerprint();
                } catch (UntrustedPeerException e) {
                    throw new AssertionError(e);
                }
            });
        }
        List<String> outcomes = together(tasks);

        Fingerprint winner = store.lookup("contested:7000").orElseThrow().fingerprint();
        Fingerprint loser = winner.equals(real.fingerprint()) ? other.fingerprint() : real.fingerprint();
        assertThat(store.entries()).hasSize(1);
        assertThat(outcomes).containsOnlyOnce("NEW_PEER_RECORDED " + winner);
        assertThat(outcomes.stream().filter(o -> o.equals("KNOWN_PEER_MATCHED " + winner)))
                .hasSize(THREADS / 2 - 1);
        assertThat(outcomes.stream().filter(o -> o.equals("CHANGED " + loser + " known " + winner)))
                .hasSize(THREADS / 2);
    }

    @Test
    void separateProcessesAndThreadsLoseNoEntry() throws Exception {
        Path file = dir.resolve("known_peers");
        Path go = dir.resolve("go");
        int processes = 3;
        int perProcess = 40;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        try {
            for (int p = 0; p < processes; p++) {
                Process child = new ProcessBuilder(
                                java,
                                "-cp",
                                classPath,
                                KnownPeersWriterMain.class.getName(),
                                file.toString(),
                                "proc" + p,
                                Integer.toString(perProcess),
                                go.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                children.add(child);
                outputs.add(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (BufferedReader out : outputs) {
                assertThat(out.readLine()).isEqualTo("ready");
            }
            Files.createFile(go);
            // This JVM writes at the same time, from several threads.
            KnownPeers store = KnownPeers.open(file);
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String prefix = "local" + t;
                tasks.add(() -> {
                    for (int i = 0; i < perProcess / 2; i++) {
                        store.put(
                                KnownPeersWriterMain.address(prefix, i),
                                KnownPeersWriterMain.fingerprint(prefix, i),
                                "");
                    }
                    return null;
                });
            }
            together(tasks);
            for (int p = 0; p < processes; p++) {
                assertThat(outputs.get(p).readLine()).isEqualTo("done");
                assertThat(children.get(p).waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(children.get(p).exitValue()).isZero();
            }

            Map<String, Fingerprint> entries = byAddress(store);
            assertThat(entries).hasSize(processes * perProcess + 4 * (perProcess / 2));
            for (int p = 0; p < processes; p++) {
                for (int i = 0; i < perProcess; i++) {
                    assertThat(entries)
                            .containsEntry(
                                    KnownPeersWriterMain.address("proc" + p, i),
                                    KnownPeersWriterMain.fingerprint("proc" + p, i));
                }
            }
        } finally {
            for (Process child : children) {
                child.destroyForcibly();
            }
        }
    }
}
