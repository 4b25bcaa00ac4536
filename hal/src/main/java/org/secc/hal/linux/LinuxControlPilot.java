package org.secc.hal.linux;

import java.util.function.LongSupplier;
import org.secc.hal.cp.ControlPilot;
import org.secc.hal.cp.CpMeasurement;
import org.secc.hal.cp.PilotOutput;

/**
 * Control pilot on a Linux board: the 1 kHz pilot PWM from a sysfs PWM channel that drives the ±12 V
 * output stage, and the CP level from two IIO ADC channels sampled by the board's peak detectors
 * (high and low level). The ADC reading is mapped back to CP volts with {@code cpVolts = adcVolts ×
 * gain + offset}, which describes the board's resistor divider.
 *
 * <p>The output stage convention: PWM duty 100 % = constant +12 V (X1), PWM disabled = −12 V (F),
 * since the stage inverts an idle-low PWM line into −12 V. {@link #off()} also disables the PWM
 * (−12 V) on boards without a separate 0 V switch.
 */
public final class LinuxControlPilot implements ControlPilot {
    private final SysfsPwm pwm;
    private final IioAdc adc;
    private final int highChannel;
    private final int lowChannel;
    private final double gain;
    private final double offsetV;
    private final LongSupplier clock;
    private PilotOutput output = PilotOutput.X1;

    public LinuxControlPilot(SysfsPwm pwm, IioAdc adc, int highChannel, int lowChannel, double gain, double offsetV,
                             LongSupplier monotonicNanos) {
        this.pwm = pwm;
        this.adc = adc;
        this.highChannel = highChannel;
        this.lowChannel = lowChannel;
        this.gain = gain;
        this.offsetV = offsetV;
        this.clock = monotonicNanos;
        setX1();
    }

    @Override
    public synchronized void setPwmDuty(double dutyPercent) {
        output = new PilotOutput.Pwm(dutyPercent);
        pwm.setDutyPercent(dutyPercent);
    }

    @Override
    public synchronized void setX1() {
        output = PilotOutput.X1;
        pwm.setDutyPercent(100);
    }

    @Override
    public synchronized void setF() {
        output = PilotOutput.F;
        pwm.disable();
    }

    @Override
    public synchronized void off() {
        output = PilotOutput.OFF;
        pwm.disable();
    }

    @Override
    public synchronized PilotOutput output() {
        return output;
    }

    @Override
    public synchronized CpMeasurement measure() {
        long now = clock.getAsLong();
        double high = adc.readVolts(highChannel) * gain + offsetV;
        double low = output instanceof PilotOutput.Pwm ? adc.readVolts(lowChannel) * gain + offsetV : Double.NaN;
        return new CpMeasurement(now, high, low);
    }
}
