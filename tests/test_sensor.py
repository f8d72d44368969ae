"""The seeds sensor turns new files into one batch run each tick, and nothing more."""

import dagster as dg
import pytest

from newsfacts.defs.build import build_definitions
from newsfacts.defs.resources import WarehouseResource
from newsfacts.defs.sensors import seeds_sensor
from newsfacts.settings import Settings
from newsfacts.warehouse.layout import WarehouseLayout


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
        assert [r.run_key for r in result.run_requests] == [f"{k}:0" for k in keys]
        assert result.dynamic_partitions_requests[0].partition_keys == keys
        instance.add_dynamic_partitions("ingest_batches", keys)
        manifests = sorted(WarehouseLayout.at(project.warehouse).files.glob("manifests/*"))
        # Not launched yet: the same runs are asked for again (Dagster drops repeated run keys), no new batch.
        again = evaluate(project, instance)
        assert [r.run_key for r in again.run_requests] == [f"{k}:0" for k in keys]
        assert again.dynamic_partitions_requests == []
        assert sorted(WarehouseLayout.at(project.warehouse).files.glob("manifests/*")) == manifests


@pytest.mark.slow  # builds the definitions and three runs
def test_a_batch_whose_run_failed_is_retried_a_few_times(project):
    project.write("a.txt", "An article.")
    with dg.instance_for_test() as instance:
        first = evaluate(project, instance)
        batch = first.run_requests[0].partition_key
        instance.add_dynamic_partitions("ingest_batches", [batch])
        job = build_definitions(Settings(project.seeds, project.warehouse, project.root / "home")).resolve_job_def(
            "ingest_batch"
        )
        for attempt in range(1, 4):
            instance.create_run_for_job(job, tags={"dagster/partition": batch}, status=dg.DagsterRunStatus.FAILURE)
            again = evaluate(project, instance)
            if attempt < 3:
                assert [r.run_key for r in again.run_requests] == [f"{batch}:{attempt}"]
            else:
                assert isinstance(again, dg.SkipReason)  # three failures: left for a person to look at


def test_sensor_is_on_by_default():
    assert seeds_sensor.default_status == dg.DefaultSensorStatus.RUNNING


def test_missing_seeds_folder_is_a_skip_not_a_crash(project, tmp_path):
    resource = WarehouseResource(duckdb_path=str(project.warehouse), seeds_dir=str(tmp_path / "nope"))
    with dg.instance_for_test() as instance:
        result = seeds_sensor(dg.build_sensor_context(instance=instance, resources={"warehouse": resource}))
    assert isinstance(result, dg.SkipReason) and "seeds folder not found" in result.skip_message


def _run_of(project, instance, batch, status, tags):
    job = build_definitions(Settings(project.seeds, project.warehouse, project.root / "home")).resolve_job_def(
        "ingest_batch"
    )
    return instance.create_run_for_job(job, tags={"dagster/partition": batch, **tags}, status=status)


@pytest.mark.slow  # builds the definitions and a run
def test_a_run_whose_process_died_is_marked_failed_and_its_batch_requested_again(project):
    import subprocess
    import sys

    from newsfacts.defs.runs import owner_tags

    project.write("a.txt", "An article.")
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    with dg.instance_for_test() as instance:
        batch = evaluate(project, instance).run_requests[0].partition_key
        instance.add_dynamic_partitions("ingest_batches", [batch])
        tags = {**owner_tags(), "newsfacts/pid": str(dead_pid)}  # this host, a process that has exited
        run = _run_of(project, instance, batch, dg.DagsterRunStatus.STARTED, tags)
        again = evaluate(project, instance)
        assert [r.run_key for r in again.run_requests] == [f"{batch}:1"]
        assert instance.get_run_by_id(run.run_id).status == dg.DagsterRunStatus.FAILURE
        failure = instance.all_logs(run.run_id, of_type=dg.DagsterEventType.RUN_FAILURE)[0]
        assert f"the process running it (pid {dead_pid}) is gone" in failure.message


@pytest.mark.slow  # builds the definitions and two runs
def test_a_live_run_and_another_machine_s_run_are_left_alone(project):
    from newsfacts.defs.runs import HOST_TAG, owner_tags

    project.write("a.txt", "An article.")
    with dg.instance_for_test() as instance:
        batch = evaluate(project, instance).run_requests[0].partition_key
        instance.add_dynamic_partitions("ingest_batches", [batch])
        live = _run_of(project, instance, batch, dg.DagsterRunStatus.STARTED, owner_tags())  # this very process
        assert isinstance(evaluate(project, instance), dg.SkipReason)
        assert instance.get_run_by_id(live.run_id).status == dg.DagsterRunStatus.STARTED
        instance.report_run_failed(live)
        elsewhere = _run_of(
            project,
            instance,
            batch,
            dg.DagsterRunStatus.STARTED,
            {**owner_tags(), "newsfacts/pid": "1", HOST_TAG: "another-machine"},
        )
        assert isinstance(evaluate(project, instance), dg.SkipReason)
        assert instance.get_run_by_id(elsewhere.run_id).status == dg.DagsterRunStatus.STARTED
