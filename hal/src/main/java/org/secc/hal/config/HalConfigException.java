package org.secc.hal.config;

import java.util.List;

import org.secc.common.config.ConfigException;

/** The HAL's keys are invalid; {@link #problems()} lists every problem, one line each (file, line, key, what is allowed). */
public final class HalConfigException extends ConfigException {
    public HalConfigException(List<String> problems) {
        super(problems);
    }

    public List<String> problems() {
        return errors();
    }
}
