package liftsys.analysis;

import java.nio.file.Path;
import java.util.Objects;
import liftsys.sidecar.SidecarClient;
import liftsys.sidecar.SidecarConfig;

/**
 * The one sidecar client of the server, for the {@code python} setting in force: a changed
 * setting closes the old client and makes a new one (the old process and its models go away).
 * Thread-safe.
 */
public final class SidecarHolder implements AutoCloseable {
    private final Path root;
    private String python;
    private SidecarClient client;

    public SidecarHolder(Path root) {
        this.root = root;
    }

    public synchronized SidecarClient client(Settings settings) {
        if (client == null || !Objects.equals(python, settings.python())) {
            if (client != null) {
                client.close();
            }
            SidecarConfig config = SidecarConfig.forRepository(root);
            if (settings.python() != null) {
                config = config.withPython(settings.python());
            }
            python = settings.python();
            client = new SidecarClient(config);
        }
        return client;
    }

    /** The current client if one was made, without making one. */
    public synchronized SidecarClient existing() {
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
