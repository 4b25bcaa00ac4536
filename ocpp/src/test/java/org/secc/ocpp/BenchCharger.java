package org.secc.ocpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small charger for the tests behind the port: one EVSE whose car the test plugs and unplugs, with energy
 * registers that integrate the power the test sets. Records everything the station pushes.
 */
final class BenchCharger implements ChargerPort {
    volatile boolean connected;
    volatile String chargingState = "EVConnected";
    volatile String idToken;
    volatile double importWh, exportWh, powerW;
    volatile Double soc = 50.0;
    volatile String status = "Available";
    final List<String> pushed = new CopyOnWriteArrayList<>();
    final Map<Integer, CsmsLimit> limits = new ConcurrentHashMap<>();
    volatile Boolean failsafe;
    volatile boolean acceptRemoteStart = true;
    volatile EvChargingNeeds needs;
    volatile EvChargingSchedule schedule;

    void plug() {
        connected = true;
        status = "Occupied";
    }

    void unplug() {
        connected = false;
        status = "Available";
        chargingState = "EVConnected";
        powerW = 0;
    }

    /** Advances the energy registers by power × seconds. */
    void run(double watts, double seconds) {
        powerW = watts;
        if (watts >= 0) importWh += watts * seconds / 3600.0;
        else exportWh += -watts * seconds / 3600.0;
    }

    @Override
    public List<EvseSnapshot> evses() {
        List<EvseSnapshot> l = new ArrayList<>();
        l.add(new EvseSnapshot(1, status, connected, chargingState, idToken, importWh, exportWh, powerW, connected ? soc : null, true));
        return l;
    }

    @Override
    public void authorization(int evseId, String token, boolean accepted, String st) {
        pushed.add("authorization " + token + " " + accepted + " " + st);
        if (accepted) idToken = token;
    }

    @Override
    public boolean remoteStart(int evseId, String token, int remoteStartId) {
        pushed.add("remoteStart " + token + " " + remoteStartId);
        if (acceptRemoteStart) idToken = token;
        return acceptRemoteStart;
    }

    @Override
    public boolean remoteStop(int evseId) {
        pushed.add("remoteStop " + evseId);
        chargingState = "EVConnected";
        powerW = 0;
        return true;
    }

    @Override
    public void availability(int evseId, boolean operative) {
        pushed.add("availability " + evseId + " " + operative);
        if (!connected) status = operative ? "Available" : "Unavailable";
    }

    @Override
    public void reset(boolean immediate) {
        pushed.add("reset " + immediate);
    }

    @Override
    public void csmsLimit(int evseId, CsmsLimit limit) {
        pushed.add("limit " + limit);
        limits.put(evseId, limit);
    }

    @Override
    public EvChargingNeeds chargingNeeds(int evseId) {
        return connected ? needs : null;
    }

    @Override
    public EvChargingSchedule chargingSchedule(int evseId) {
        return connected ? schedule : null;
    }

    @Override
    public void offlineFailsafe(boolean active) {
        pushed.add("failsafe " + active);
        failsafe = active;
    }
}
