package dev.marcom.testing;

import dev.marcom.MarcomException;
import dev.marcom.handshake.Handshake;
import dev.marcom.handshake.HandshakeStep;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a client and a server {@link Handshake} against each other in one thread, recording every
 * frame and letting a test rewrite frames in flight (an active attacker).
 */
public final class Pipe {
    /** Both sessions and the frames that crossed, in order. */
    public record Result(Session client, Session server, List<byte[]> frames) {}

    private Pipe() {}

    public static Result handshake(SessionConfig client, SessionConfig server) throws MarcomException {
        return handshake(client, server, (i, f) -> f);
    }

    /** Frame rewriter: gets the index of the frame (0 = ClientHello) and the frame. */
    public interface Rewriter {
        byte[] rewrite(int index, byte[] frame);
    }

    public static Result handshake(SessionConfig clientConfig, SessionConfig serverConfig, Rewriter rewriter)
            throws MarcomException {
        Handshake c = Handshake.client(clientConfig);
        Handshake s = Handshake.server(serverConfig);
        List<byte[]> frames = new ArrayList<>();
        HandshakeStep cs = c.start();
        HandshakeStep ss = s.start();
        Session client = null;
        Session server = null;
        int index = 0;
        for (int guard = 0; guard < 16 && (client == null || server == null); guard++) {
            if (cs instanceof HandshakeStep.Send send) {
                byte[] f = rewriter.rewrite(index++, send.frame());
                frames.add(f);
                cs = c.next();
                ss = s.receive(f);
            } else if (ss instanceof HandshakeStep.Send send) {
                byte[] f = rewriter.rewrite(index++, send.frame());
                frames.add(f);
                ss = s.next();
                cs = c.receive(f);
            }
            if (cs instanceof HandshakeStep.Established e) {
                client = e.session();
            }
            if (ss instanceof HandshakeStep.Established e) {
                server = e.session();
            }
        }
        if (client == null || server == null) {
            throw new AssertionError("handshake did not complete");
        }
        return new Result(client, server, frames);
    }
}
