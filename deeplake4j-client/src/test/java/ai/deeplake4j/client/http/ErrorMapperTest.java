package ai.deeplake4j.client.http;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.error.WorkspaceException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    @Test
    void everyNameRuleCodeMapsToTheExceptionTheEmbeddedClientThrows() {
        for (Names.Kind kind : Names.Kind.values()) {
            Class<?> expected = kind == Names.Kind.ORG || kind == Names.Kind.WORKSPACE ? WorkspaceException.class : TableException.class;
            assertInstanceOf(expected, ErrorMapper.forCode(kind.code(), 400, "Invalid " + kind.label() + " name"), kind.code());
        }
    }
}
