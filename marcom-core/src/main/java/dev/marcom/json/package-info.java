/** Flat JSON lines as MARCOM writes them: transcripts, and the CLI's {@code --json} events. */
package dev.marcom.json;
