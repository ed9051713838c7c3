package liftsys.ir.flow;

import java.util.Set;

/** Where the analysis is: the environment reaching this point and the conditions it runs under. */
record At(Env env, Set<Def> control) {
}
