package dev.marcom.cli;

import dev.marcom.CipherSuite;
import dev.marcom.SignatureAlgorithm;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/**
 * Suite and signature-algorithm names as the command line reads them ({@code --suite modern},
 * {@code --type ed25519}): the core's {@link CipherSuite#suiteName()} and {@link
 * SignatureAlgorithm#shortName()}. An unknown name is a usage error that lists the valid ones.
 */
final class AlgorithmNames {
    private AlgorithmNames() {}

    /** Every suite name, in declaration order: {@code classic, classic-3072, modern, pq}. */
    static List<String> suiteNames() {
        List<String> names = new ArrayList<>();
        for (CipherSuite s : CipherSuite.values()) {
            names.add(s.suiteName());
        }
        return names;
    }

    /** Every signature algorithm name: {@code dsa, dsa-3072, ed25519, ml-dsa-65}. */
    static List<String> typeNames() {
        List<String> names = new ArrayList<>();
        for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
            names.add(a.shortName());
        }
        return names;
    }

    /** Reads {@code --suite NAME}. */
    static final class SuiteConverter implements CommandLine.ITypeConverter<CipherSuite> {
        @Override
        public CipherSuite convert(String value) {
            CipherSuite suite = CipherSuite.bySuiteName(value);
            if (suite == null) {
                throw new CommandLine.TypeConversionException(
                        "unknown suite '" + value + "'; valid suites: " + String.join(", ", suiteNames()));
            }
            return suite;
        }
    }

    /** Reads {@code --type NAME}. */
    static final class TypeConverter implements CommandLine.ITypeConverter<SignatureAlgorithm> {
        @Override
        public SignatureAlgorithm convert(String value) {
            SignatureAlgorithm algorithm = SignatureAlgorithm.byShortName(value);
            if (algorithm == null) {
                throw new CommandLine.TypeConversionException(
                        "unknown key type '" + value + "'; valid types: " + String.join(", ", typeNames()));
            }
            return algorithm;
        }
    }

    /** The suite names, for picocli's completion and {@code ${COMPLETION-CANDIDATES}}. */
    static final class SuiteCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return suiteNames().iterator();
        }
    }

    /** The key type names, for picocli's completion and {@code ${COMPLETION-CANDIDATES}}. */
    static final class TypeCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return typeNames().iterator();
        }
    }
}
