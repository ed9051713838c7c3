package liftsys.cli;

import java.io.PrintStream;
import java.util.Arrays;
import liftsys.lsp.ServerLauncher;

/** Entry point: {@code serve} speaks LSP on stdio; {@code analyze} answers one question and exits. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "serve" : args[0];
        switch (command) {
            case "serve" -> serve();
            case "analyze" -> System.exit(AnalyzeCommand.run(Arrays.copyOfRange(args, 1, args.length),
                    System.out, System.err));
            case "--version", "version" -> System.out.println("liftsys " + liftsys.lsp.LiftsysServer.VERSION);
            default -> {
                System.err.println("liftsys: unknown command " + command + " (serve | analyze FILE:LINE:COL)");
                System.exit(2);
            }
        }
    }

    private static void serve() throws Exception {
        PrintStream protocolOut = System.out;
        // Anything printed by mistake must not corrupt the protocol stream.
        System.setOut(System.err);
        ServerLauncher.Connection connection = ServerLauncher.start(System.in, protocolOut,
                System::exit);
        connection.listening().get();
        System.exit(connection.server().shutdownRequested() ? 0 : 1);
    }
}
