package dev.marcom.handshake;

import dev.marcom.internal.crypto.KemKeyPool;
import dev.marcom.internal.crypto.OneTimeKeys;
import dev.marcom.session.SessionConfig;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * Where a handshake takes its one-time KEM key pairs from: the configuration's pool of pairs made
 * ahead when it has one ({@code SessionConfig.Builder.precomputeEphemeralKeys}), otherwise fresh
 * pairs from its random source. The pool is a private field of {@link SessionConfig} (an internal
 * type has no place in its public API); this class reads it through {@link
 * MethodHandles#privateLookupIn}, as {@link SessionOpening} reaches {@code Session}'s constructor.
 */
final class EphemeralKeys {
    private static final MethodHandle POOL = pool();

    private EphemeralKeys() {}

    static OneTimeKeys of(SessionConfig config) {
        KemKeyPool pool;
        try {
            pool = (KemKeyPool) POOL.invokeExact(config);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // A field getter throws nothing checked.
            throw new IllegalStateException(e);
        }
        return pool != null ? pool : OneTimeKeys.fresh(config.random());
    }

    private static MethodHandle pool() {
        try {
            return MethodHandles.privateLookupIn(SessionConfig.class, MethodHandles.lookup())
                    .findGetter(SessionConfig.class, "ephemeralKeys", KemKeyPool.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
