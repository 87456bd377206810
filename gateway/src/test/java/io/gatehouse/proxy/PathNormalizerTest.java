package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.PathConfig;
import io.gatehouse.config.PathConfig.EncodedSlashes;
import io.gatehouse.config.PathConfig.PathParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathNormalizerTest {

    private static final PathConfig DEFAULTS = new PathConfig(true, PathParameters.REJECT, EncodedSlashes.REJECT);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /                          | /
            /users/42                  | /users/42
            /a/b/                      | /a/b/
            /%7Euser/%41%62%2d%2E%5f   | /~user/Ab-._
            /q%3fa%2bb%c3%a9           | /q%3Fa%2Bb%C3%A9
            /public/%2e%2e/admin       | /admin
            /public/%2E./admin         | /admin
            /a/./b/../c                | /a/c
            /a/b/..                    | /a/
            /a/b/.                     | /a/b/
            /a/..                      | /
            //admin                    | /admin
            /a//b///c//                | /a/b/c/
            //                         | /
            /a/.hidden/x               | /a/.hidden/x
            /a:b@c!$&'()*+,=           | /a:b@c!$&'()*+,=
            """)
    void normalisesWithTheDefaults(String path, String expected) {
        assertThat(PathNormalizer.normalize(path, DEFAULTS)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /..                        | climbs above the root
            /a/../..                   | climbs above the root
            /%2e%2e/etc/passwd         | climbs above the root
            /public/..%2fadmin         | encoded slash
            /public/..%2Fadmin         | encoded slash
            /public/..%5cadmin         | encoded slash
            /admin;x=1                 | path parameters
            /public/..;/admin          | path parameters
            /a\\b                       | backslash
            /a%zz                      | invalid percent-encoding
            /a%2                       | invalid percent-encoding
            /a%                        | invalid percent-encoding
            /a%00b                     | encoded control character
            /a%0d%0aX                  | encoded control character
            /a<b>                      | character 0x3c
            /a^b                       | character 0x5e
            /a{b}                      | character 0x7b
            /a"b                       | character 0x22
            """)
    void refusesWithTheDefaults(String path, String reason) {
        assertThatThrownBy(() -> PathNormalizer.normalize(path, DEFAULTS))
                .isInstanceOf(PathNormalizer.RejectedPath.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            keep-slashes        | //admin              | //admin
            keep-slashes        | /a//..                | /a/
            strip-parameters    | /admin;x=1           | /admin
            strip-parameters    | /public/..;/admin    | /admin
            strip-parameters    | /a;x/b;y=1;z         | /a/b
            keep-parameters     | /admin;x=1           | /admin;x=1
            keep-parameters     | /public/..;/admin    | /public/..;/admin
            decode-slashes      | /public/..%2fadmin   | /admin
            decode-slashes      | /a%2Fb%5Cc           | /a/b/c
            keep-encoded        | /public/..%2fadmin   | /public/..%2Fadmin
            keep-encoded        | /a%5cb               | /a%5Cb
            """)
    void followsTheConfiguredPolicies(String policy, String path, String expected) {
        PathConfig config = switch (policy) {
            case "keep-slashes" -> new PathConfig(false, PathParameters.REJECT, EncodedSlashes.REJECT);
            case "strip-parameters" -> new PathConfig(true, PathParameters.STRIP, EncodedSlashes.REJECT);
            case "keep-parameters" -> new PathConfig(true, PathParameters.KEEP, EncodedSlashes.REJECT);
            case "decode-slashes" -> new PathConfig(true, PathParameters.REJECT, EncodedSlashes.DECODE);
            case "keep-encoded" -> new PathConfig(true, PathParameters.REJECT, EncodedSlashes.KEEP);
            default -> throw new IllegalArgumentException(policy);
        };
        assertThat(PathNormalizer.normalize(path, config)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /users/42?x
            /a/b/c.json
            """)
    void anUnchangedPathIsTheSameString(String path) {
        String clean = path.replace("?x", "");
        assertThat(PathNormalizer.normalize(clean, DEFAULTS)).isSameAs(clean);
    }
}
