import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/**
 * How deep an introspection selection may go, counted in fields from `__schema` or `__type`
 * (fragments add no level). graphql-js's standard introspection query (`getIntrospectionQuery`,
 * which GraphiQL, Apollo Rover and code generators send) is 15 deep: it must keep working.
 */
export const MAX_INTROSPECTION_DEPTH = 15;

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Bounds the depth of introspection. The ordinary depth rule skips `__schema` (and a chain of
 * `ofType` a thousand levels deep was answered), so introspection gets its own limit.
 */
export function maxIntrospectionDepthRule(limit: number) {
  return (context: ValidationContext): ASTVisitor => {
    // Depth of each fragment's selection, computed once (a fragment spread many times costs once).
    const fragmentDepths = new Map<string, number>();

    const depthOf = (selectionSet: SelectionSetNode | undefined, visiting: Set<string>): number => {
      if (!selectionSet) return 0;
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, visiting));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, visiting));
        } else {
          deepest = Math.max(
            deepest,
            fragmentDepth(context.getFragment(selection.name.value), visiting),
          );
        }
      }
      return deepest;
    };

    const fragmentDepth = (
      fragment: FragmentDefinitionNode | null | undefined,
      visiting: Set<string>,
    ): number => {
      // An unknown or cyclic fragment is reported by graphql-js's own rules.
      if (!fragment || visiting.has(fragment.name.value)) return 0;
      const known = fragmentDepths.get(fragment.name.value);
      if (known !== undefined) return known;
      const depth = depthOf(fragment.selectionSet, new Set([...visiting, fragment.name.value]));
      fragmentDepths.set(fragment.name.value, depth);
      return depth;
    };

    /** The deepest introspection field under the root selection (through fragments). */
    const introspectionDepth = (selectionSet: SelectionSetNode, visiting: Set<string>): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (INTROSPECTION_ROOTS.has(selection.name.value))
            deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, visiting));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, introspectionDepth(selection.selectionSet, visiting));
        } else {
          const fragment = context.getFragment(selection.name.value);
          if (fragment && !visiting.has(fragment.name.value))
            deepest = Math.max(
              deepest,
              introspectionDepth(
                fragment.selectionSet,
                new Set([...visiting, fragment.name.value]),
              ),
            );
        }
      }
      return deepest;
    };

    return {
      OperationDefinition(operation) {
        const depth = introspectionDepth(operation.selectionSet, new Set());
        if (depth > limit) {
          context.reportError(
            new GraphQLError(
              `Introspection depth limit of ${limit} exceeded, found ${depth}: select fewer nested levels (the standard introspection query is within the limit)`,
              { nodes: [operation] },
            ),
          );
        }
      },
    };
  };
}
