package ai.deeplake4j.server.http;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.server.auth.Caller;
import ai.deeplake4j.server.lake.Lake;
import ai.deeplake4j.server.lake.WorkspaceLake;
import io.javalin.http.Context;

/**
 * What a workspace request acts on: the caller, the validated workspace name from the path, and
 * that workspace inside the caller's organization (never another's).
 *
 * @param caller    the authenticated caller
 * @param workspace the workspace id from {@code {ws}}
 * @param lake      the caller's organization's workspace
 */
public record Scope(Caller caller, String workspace, WorkspaceLake lake) {

    /** Resolves {@code {ws}} for the authenticated caller. */
    public static Scope of(Context ctx, Lake lake) {
        Caller caller = Authenticator.caller(ctx);
        String ws = Names.workspace(ctx.pathParam("ws"));
        return new Scope(caller, ws, lake.workspace(caller.org(), ws));
    }

    /** {@code al://<workspace>/<table>}. */
    public String datasetPath(String table) {
        return "al://" + workspace + "/" + table;
    }
}
