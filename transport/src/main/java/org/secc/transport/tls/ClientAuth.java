package org.secc.transport.tls;

/** Whether the TLS server asks for a client certificate. WANT sends CertificateRequest [V2G20-2400] but accepts none. */
public enum ClientAuth {
    NONE, WANT, NEED
}
