package org.secc.app.policy;

import org.secc.app.grid.GridCode;

/**
 * One loaded policy file: the discharge policy and the grid code. {@code gridCode} is null when the file
 * sets none; then the charger is charge-only (safe default).
 */
public record Policy(DischargePolicy discharge, GridCode gridCode) {
}
