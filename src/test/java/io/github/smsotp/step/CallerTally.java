package io.github.smsotp.step;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.smsotp.limits.CountingStore;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Sits under {@link CountingStore} and tells which of the project's classes made each store
 * operation: the first {@code io.github.smsotp} frame on the stack that is neither this nor the wrapper.
 */
final class CallerTally {

    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Set<Class<?>> PASS_THROUGH = Set.of(CallerTally.class, CountingStore.class);

    /** Operations by caller (simple class name), then by kind. */
    private final Map<String, Map<String, Integer>> counts = new TreeMap<>();

    /** {@code store}, with each operation tallied against its caller before it runs. */
    SingleUseObjectProvider over(SingleUseObjectProvider store) {
        return (SingleUseObjectProvider) Proxy.newProxyInstance(CallerTally.class.getClassLoader(),
                new Class<?>[] {SingleUseObjectProvider.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("close")) {
                        counts.computeIfAbsent(caller(), key -> new TreeMap<>()).merge(method.getName(), 1, Integer::sum);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The counts since the last call, and resets them. */
    Map<String, Map<String, Integer>> take() {
        Map<String, Map<String, Integer>> taken = new TreeMap<>(counts);
        counts.clear();
        return taken;
    }

    private static String caller() {
        return STACK.walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> type.getName().startsWith("io.github.smsotp.") && !PASS_THROUGH.contains(type))
                .findFirst()
                .map(Class::getSimpleName)
                .orElse("(outside the project)"));
    }
}
