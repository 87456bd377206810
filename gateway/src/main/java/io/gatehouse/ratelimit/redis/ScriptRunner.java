package io.gatehouse.ratelimit.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Runs a limit script by its digest ({@code EVALSHA}), so only the digest travels per call. Redis forgets its
 * scripts on a restart or {@code SCRIPT FLUSH}: on NOSCRIPT the script is loaded again and the call retried once.
 */
final class ScriptRunner {

    private ScriptRunner() {
    }

    static CompletionStage<List<Object>> run(RedisAsyncCommands<String, String> redis, LimitScript script,
                                             String key, String[] arguments) {
        String[] keys = {key};
        return ScriptRunner.<List<Object>>evalsha(redis, script.sha1(), keys, arguments)
                .exceptionallyCompose(error -> {
                    if (!(unwrap(error) instanceof RedisNoScriptException)) {
                        return CompletableFuture.failedStage(error);
                    }
                    return redis.scriptLoad(script.body())
                            .thenCompose(sha1 -> ScriptRunner.<List<Object>>evalsha(redis, sha1, keys, arguments));
                });
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static <T> CompletionStage<T> evalsha(RedisAsyncCommands<String, String> redis, String sha1,
                                                  String[] keys, String[] arguments) {
        return redis.evalsha(sha1, ScriptOutputType.MULTI, keys, arguments);
    }
}
