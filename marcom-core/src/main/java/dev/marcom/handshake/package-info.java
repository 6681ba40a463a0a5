/**
 * The sans-I/O handshake: {@link dev.marcom.handshake.Handshake} consumes and produces frames and
 * returns one {@link dev.marcom.handshake.HandshakeStep} per call.
 */
package dev.marcom.handshake;
