package org.secc.ocpp.rpc;

import java.util.Optional;

/** CALLERROR codes of OCPP-J 2.1 §4.3 (the same table in 2.0.1 §4.2.3). */
public enum RpcErrorCode {
    FormatViolation, GenericError, InternalError, MessageTypeNotSupported, NotImplemented, NotSupported,
    OccurrenceConstraintViolation, PropertyConstraintViolation, ProtocolError, RpcFrameworkError, SecurityError,
    TypeConstraintViolation;

    /** Parses a received code; accepts the OCPP 1.6 spellings some CSMSs still send. */
    public static Optional<RpcErrorCode> parse(String s) {
        if ("OccurenceConstraintViolation".equals(s)) return Optional.of(OccurrenceConstraintViolation);
        if ("FormationViolation".equals(s)) return Optional.of(FormatViolation);
        for (RpcErrorCode c : values()) if (c.name().equals(s)) return Optional.of(c);
        return Optional.empty();
    }
}
