/**
 * Signed transcripts of sessions that anyone can verify offline:
 * {@link dev.marcom.transcript.TranscriptWriter} records sent and received messages,
 * {@link dev.marcom.transcript.TranscriptVerifier} checks a whole file and returns a
 * {@link dev.marcom.transcript.TranscriptSummary} or throws a
 * {@link dev.marcom.transcript.TranscriptException} naming the failing line.
 *
 * <h2>Format</h2>
 * UTF-8 text, one JSON object per line, each line ending with {@code '\n'}, written in a fixed
 * canonical form (members in the order below, no spaces, escapes as docs/TRANSCRIPTS.md
 * describes). A message line has these members, in this order:
 * <table>
 *   <caption>Members of a message line</caption>
 *   <tr><th>member</th><th>value</th></tr>
 *   <tr><td>{@code v}</td><td>2, the format version (version 1 is refused: its signatures bound
 *       neither their signer nor the conversation)</td></tr>
 *   <tr><td>{@code kind}</td><td>{@code "message"}</td></tr>
 *   <tr><td>{@code session}</td><td>the session id, 64 lower-case hex digits</td></tr>
 *   <tr><td>{@code direction}</td><td>{@code "client-to-server"} or
 *       {@code "server-to-client"}</td></tr>
 *   <tr><td>{@code seq}</td><td>the message number in its direction, from 1</td></tr>
 *   <tr><td>{@code seen}</td><td>how many messages of the other direction the sender had
 *       received and verified when it signed this one</td></tr>
 *   <tr><td>{@code timestamp}</td><td>when the writer recorded it, ISO-8601 UTC as
 *       {@code Instant.toString} writes it, from the writer's clock</td></tr>
 *   <tr><td>{@code sender}</td><td>the signer's fingerprint, {@code SHA256:} and unpadded
 *       base64</td></tr>
 *   <tr><td>{@code sha256}</td><td>SHA-256 of the plaintext, hex</td></tr>
 *   <tr><td>{@code text} or {@code base64}</td><td>the plaintext: {@code text} if it is
 *       well-formed UTF-8 and the line stays under 64 MiB, else {@code base64} (standard, padded)
 *       of its bytes; exactly one of the two is present</td></tr>
 *   <tr><td>{@code signer}</td><td>base64 of the signer's DER SubjectPublicKeyInfo</td></tr>
 *   <tr><td>{@code signedData}</td><td>base64 of the exact bytes the sender signed (MARCOM
 *       message signed data, docs/PROTOCOL.md §6.1: the signer's key hash, the session,
 *       direction and number, the hash of the previous message's signed data in this direction,
 *       {@code seen} and the hash of the signed data of the other direction's message
 *       #{@code seen}, and {@code sha256})</td></tr>
 *   <tr><td>{@code signature}</td><td>base64 of the DER DSA-SHA256 signature over them</td></tr>
 *   <tr><td>{@code prev}</td><td>SHA-256 (hex) of the previous line's bytes without its newline;
 *       64 zeros on the first line</td></tr>
 *   <tr><td>{@code writer}</td><td>the writer's fingerprint</td></tr>
 *   <tr><td>{@code writerKey}</td><td>base64 of the writer's DER SubjectPublicKeyInfo</td></tr>
 *   <tr><td>{@code writerSignature}</td><td>base64 of the writer's DER DSA-SHA256 signature over
 *       {@code "MARCOM v1, transcript line" ‖ 0x00 ‖} the UTF-8 line up to and without
 *       {@code ,"writerSignature":…}, closed with {@code }}</td></tr>
 * </table>
 * The last line, written by {@link dev.marcom.transcript.TranscriptWriter#close()}, is
 * {@code {"v":2,"kind":"end","messages":N,"timestamp":…,"prev":…,"writer":…,"writerKey":…,
 * "writerSignature":…}} where {@code N} counts the message lines.
 *
 * <p>A message line comes after every line of the other direction that its sender had seen, so
 * the file reads as the conversation happened; {@link dev.marcom.transcript.TranscriptVerifier}
 * says what a valid file proves and what it does not.
 *
 * <p>{@code signedData} and {@code signature} verify with any DSA implementation, e.g.
 * {@code openssl dgst -sha256 -verify signer.pem -signature sig.der signed.bin} with the
 * {@code signer} key in PEM; so does {@code writerSignature} over the label and line prefix.
 */
package dev.marcom.transcript;
