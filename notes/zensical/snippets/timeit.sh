#!/bin/bash
# usage: timeit.sh label command...   prints wall seconds
label=$1; shift
s=$(date +%s.%N); "$@" > /tmp/timeit.out 2>&1; rc=$?; e=$(date +%s.%N)
printf "%-28s rc=%d %.2fs\n" "$label" $rc $(echo "$e - $s" | bc)
