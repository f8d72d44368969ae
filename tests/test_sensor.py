"""The seeds sensor turns new files into one batch run each tick, and nothing more."""

import dagster as dg

from newsfacts.defs.resources import WarehouseResource
from newsfacts.defs.sensors import seeds_sensor


def evaluate(project, instance):
    resource = WarehouseResource(duckdb_path=str(project.warehouse), seeds_dir=str(project.seeds), batch_size=2)
    return seeds_sensor(dg.build_sensor_context(instance=instance, resources={"warehouse": resource}))


def test_new_files_become_bounded_batches_and_are_not_requested_twice(project):
    for i in range(3):
        project.write(f"a{i}.txt", f"Article number {i} says something.")
    with dg.instance_for_test() as instance:
        result = evaluate(project, instance)
        assert isinstance(result, dg.SensorResult)
        keys = [r.partition_key for r in result.run_requests]
        assert len(keys) == 2  # 3 files, at most 2 per batch
        assert [r.run_key for r in result.run_requests] == keys
        assert result.dynamic_partitions_requests[0].partition_keys == keys
        again = evaluate(project, instance)
        assert isinstance(again, dg.SkipReason) and "3 in batches under way" in again.skip_message


def test_sensor_is_on_by_default():
    assert seeds_sensor.default_status == dg.DefaultSensorStatus.RUNNING


def test_missing_seeds_folder_is_a_skip_not_a_crash(project, tmp_path):
    resource = WarehouseResource(duckdb_path=str(project.warehouse), seeds_dir=str(tmp_path / "nope"))
    with dg.instance_for_test() as instance:
        result = seeds_sensor(dg.build_sensor_context(instance=instance, resources={"warehouse": resource}))
    assert isinstance(result, dg.SkipReason) and "seeds folder not found" in result.skip_message
