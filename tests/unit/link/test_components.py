"""Connected components by union-find: each node gets the smallest id of its component."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jtai.link.components import connected_components


def _by_search(size: int, edges: list[tuple[int, int]]) -> list[int]:
    neighbours: dict[int, set[int]] = {n: set() for n in range(size)}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    label = [-1] * size
    for start in range(size):
        if label[start] < 0:
            stack = [start]
            while stack:
                node = stack.pop()
                if label[node] < 0:
                    label[node] = start
                    stack.extend(neighbours[node])
    return label


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 30).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40),
        )
    )
)
def test_components_label_each_node_with_the_smallest_id_it_reaches(graph):
    size, edges = graph
    got = connected_components(size, [a for a, _ in edges], [b for _, b in edges])
    assert got == _by_search(size, edges)


def test_a_node_without_links_is_its_own_component():
    assert connected_components(3, [2], [1]) == [0, 1, 1]
