package liftsys.project;

/** The build tool that owns a source file, as far as the workspace's files tell. */
public enum BuildTool {
    MAVEN("Maven"),
    GRADLE("Gradle"),
    /** No build file above the source: its source root comes from its package declaration. */
    NONE("no build");

    private final String displayName;

    BuildTool(String displayName) {
        this.displayName = displayName;
    }

    /** The name a user knows, for messages ("resolving the Maven class path"). */
    public String displayName() {
        return displayName;
    }
}
