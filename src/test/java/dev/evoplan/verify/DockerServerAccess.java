package dev.evoplan.verify;

/** Lets tests outside the package ask what {@link DockerServer} asks: whether Docker answers. */
public final class DockerServerAccess {
    private DockerServerAccess() {}

    public static boolean dockerAvailable() {
        return DockerServer.dockerAvailable();
    }
}
