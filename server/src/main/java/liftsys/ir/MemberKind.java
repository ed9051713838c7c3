package liftsys.ir;

/** The kinds of members that have a dependence graph. */
public enum MemberKind {
    METHOD,
    CONSTRUCTOR
}
