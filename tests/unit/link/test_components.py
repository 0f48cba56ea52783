"""Connected components: each node gets the smallest id of its component."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from jtai.link.components import component_roots


def connected_components(size: int, lefts: list[int], rights: list[int]) -> list[int]:
    return component_roots(
        size, pa.array(lefts, pa.int64()), pa.array(rights, pa.int64())
    ).to_pylist()


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


def test_a_long_chain_numbered_against_its_order_is_one_component():
    # Each round of hooking moves a label only one link down such a chain before pointer
    # jumping; the answer must not depend on that.
    size = 2_000
    order = [(i * 7919) % size for i in range(size)]
    lefts, rights = order[:-1], order[1:]
    assert connected_components(size, lefts, rights) == [0] * size


def test_no_nodes_and_no_links_give_no_labels():
    assert connected_components(0, [], []) == []


def test_a_first_round_done_elsewhere_gives_the_same_components():
    size = 6
    lefts, rights = [5, 4, 3, 1], [4, 3, 2, 0]
    start = pa.array([0, 0, 2, 2, 3, 4], pa.int64())  # each node hooked to its smallest neighbour
    got = component_roots(size, pa.array(lefts, pa.int64()), pa.array(rights, pa.int64()), start)
    assert got.to_pylist() == [0, 0, 2, 2, 2, 2]
