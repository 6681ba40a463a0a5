/**
 * MARCOM core: authenticated, encrypted, signed peer-to-peer sessions over pluggable byte
 * channels. Exports the API packages; {@code dev.marcom.internal.*} stays private.
 */
module dev.marcom.core {
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports dev.marcom;
    exports dev.marcom.handshake;
    exports dev.marcom.identity;
    exports dev.marcom.json;
    exports dev.marcom.server;
    exports dev.marcom.session;
    exports dev.marcom.trace;
    exports dev.marcom.transcript;
    exports dev.marcom.transport;
}
