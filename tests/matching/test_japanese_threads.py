"""Japanese readings are right when many threads read names at once (the API
serves requests from a thread pool; the tagger reuses its nodes)."""

from concurrent.futures import ThreadPoolExecutor

from liaison.matching.japanese import _readings


def test_readings_from_many_threads_equal_readings_from_one() -> None:
    names = ["中島裕美子", "佐々木陽子", "山崎健一", "高橋真綾", "田中桃子", "木村修平"]
    expected = {name: _readings(name, whole=True) for name in names}
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda name: (name, _readings(name, whole=True)), names * 150))
    assert [name for name, readings in got if readings != expected[name]] == []
