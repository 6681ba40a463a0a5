/**
 * The established session: {@link dev.marcom.session.Session} seals and opens records,
 * {@link dev.marcom.session.VerifiedMessage} is what it delivers, and
 * {@link dev.marcom.session.SessionConfig} configures both sides.
 */
package dev.marcom.session;
