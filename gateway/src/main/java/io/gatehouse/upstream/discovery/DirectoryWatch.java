package io.gatehouse.upstream.discovery;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits on its own thread for anything to change in a directory and then calls back once things have been quiet
 * for a moment, so the several events of one write or of a replace by rename make one call. Any entry counts, not
 * only the watched file's name: replacing a symlink's target directory (as Kubernetes does for mounted config
 * maps) changes the file without an event naming it. The caller compares content to know whether it changed.
 */
final class DirectoryWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatch.class);
    private static final long SETTLE_MILLIS = 50;

    private final Path directory;
    private final WatchService watchService;
    private final Thread thread;

    /** @throws IOException when the directory cannot be watched (it does not exist, or no watches are left) */
    DirectoryWatch(Path directory, String threadName, Runnable onChange) throws IOException {
        this.directory = directory;
        watchService = FileSystems.getDefault().newWatchService();
        try {
            directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            watchService.close();
            throw e;
        }
        thread = new Thread(() -> watch(onChange), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void watch(Runnable onChange) {
        try {
            boolean watching = true;
            while (watching) {
                watching = drain(watchService.take());
                WatchKey more;
                while ((more = watchService.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    watching &= drain(more);
                }
                onChange.run();
            }
            LOG.warn("directory {} can no longer be watched (removed?); changes in it are no longer seen", directory);
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("watch of {} stopped", directory);
        }
    }

    /** @return false once the directory can no longer be watched */
    private static boolean drain(WatchKey key) {
        key.pollEvents();
        return key.reset();
    }

    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException e) {
            LOG.warn("closing the watch of {} failed: {}", directory, e.toString());
        }
        thread.interrupt();
    }
}
