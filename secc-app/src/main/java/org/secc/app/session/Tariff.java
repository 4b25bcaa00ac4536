package org.secc.app.session;

/**
 * The tariff sent as an AbsolutePriceSchedule with each Scheduled-mode schedule (price algorithm
 * 1-Power, one rule from 0 W). The XSD makes price schedules optional, but EVCCs built on older
 * Josev releases reject a ScheduleExchangeRes without one; sending it costs a few bytes and works
 * with every EVCC. A free charge point sends its currency with a fee of 0.
 *
 * @param currency         ISO 4217 code (≤ 3 characters)
 * @param language         ISO 639-2 code of the description (≤ 3 characters)
 * @param energyFeePerKwh  price per kWh in the currency
 */
public record Tariff(String currency, String language, double energyFeePerKwh) {

    public static final String ALGORITHM_POWER = "urn:iso:std:iso:15118:-20:PriceAlgorithm:1-Power";

    public Tariff {
        if (currency.isEmpty() || currency.length() > 3 || language.isEmpty() || language.length() > 3) {
            throw new IllegalArgumentException("currency and language are 1..3 characters");
        }
        if (!(energyFeePerKwh >= 0) || Double.isInfinite(energyFeePerKwh)) {
            throw new IllegalArgumentException("energy fee must be finite and >= 0");
        }
    }
}
