package io.ossenforcer.app;

import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.rules.RuleSet;
import java.util.Optional;

/** Where the rules in force come from. */
interface RulesSource {
    /**
     * The rules to apply now. {@code key} is the function's credentials, for a source that must read OSS.
     *
     * @throws InvocationException when no usable rules can be had (bad rules, unreadable source)
     */
    RuleSet rules(Optional<AccessKey> key) throws InvocationException;
}
